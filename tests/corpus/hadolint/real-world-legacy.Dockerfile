FROM ubuntu
MAINTAINER ops@example.com
RUN apt-get update
RUN apt-get install -y python3 python3-pip wget curl
RUN pip3 install flask
ADD . /app
RUN cd /app && pip3 install -r requirements.txt
EXPOSE 5000
CMD python3 /app/app.py
