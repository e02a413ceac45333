FROM ruby:3.3-slim
RUN gem install bundler:2.5.16
USER 10001
